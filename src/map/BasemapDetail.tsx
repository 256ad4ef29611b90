import { Layer, Source } from '@vis.gl/react-maplibre';
import { LAYER_SLOTS } from './basemap-style';
import { basemapDetailUrls } from './basemap-urls';
import {
  placeDotLayer,
  placeLabelLayer,
  riverLineLayer,
  waterFillLayer,
} from './basemap-detail-specs';

const visibility = (on: boolean) => ({ visibility: on ? ('visible' as const) : ('none' as const) });

/**
 * Rivers, lakes and populated places of the offline basemap. Mounted only once the map has
 * drawn its first frame, so the ~2 MB of detail never delays the first view or the table;
 * drawn under every analysis layer.
 */
export function BasemapDetail({ visible }: { visible: boolean }) {
  const urls = basemapDetailUrls();
  const below = LAYER_SLOTS.areas;
  return (
    <>
      <Source id="basemap-water" type="geojson" data={urls.water}>
        <Layer {...waterFillLayer('basemap-water')} layout={visibility(visible)} beforeId={below} />
      </Source>
      <Source id="basemap-rivers" type="geojson" data={urls.rivers}>
        <Layer
          {...riverLineLayer('basemap-rivers')}
          layout={{ ...riverLineLayer('basemap-rivers').layout, ...visibility(visible) }}
          beforeId={below}
        />
      </Source>
      <Source id="basemap-places" type="geojson" data={urls.places}>
        <Layer {...placeDotLayer('basemap-places')} layout={visibility(visible)} beforeId={below} />
        <Layer
          {...placeLabelLayer('basemap-places')}
          layout={{ ...placeLabelLayer('basemap-places').layout, ...visibility(visible) }}
          beforeId={below}
        />
      </Source>
    </>
  );
}
