import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { BarChartData } from './compare-chart-data';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

/**
 * Grouped bars (with optional line series) drawn by chart.js. Without a 2D canvas context
 * (happy-dom in tests) nothing is drawn; the data stays on the element for inspection.
 */
export function BarChart({
  data,
  title,
  testId,
}: {
  data: BarChartData;
  title: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext?.('2d');
    if (!el || !ctx) return;
    const chart = new Chart(ctx, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map((s) =>
          s.line
            ? {
                type: 'line' as const,
                label: s.label,
                data: s.data,
                borderColor: s.color,
                backgroundColor: s.color,
                borderDash: [6, 4],
                pointRadius: 0,
              }
            : { type: 'bar' as const, label: s.label, data: s.data, backgroundColor: s.color },
        ),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: {
          title: { display: false },
          legend: { position: 'bottom', labels: { boxWidth: 10, font: { size: 10 } } },
        },
        scales: { y: { beginAtZero: true } },
      },
    });
    return () => chart.destroy();
  }, [data]);
  return (
    <figure className="compare-chart-figure">
      <figcaption>{title}</figcaption>
      <div className="compare-chart">
        <canvas ref={canvas} data-testid={testId} aria-label={title} role="img" />
      </div>
    </figure>
  );
}
