import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// maplibre-gl 6 looks for its worker next to its own module URL, which a bundle does not
// have; point it at the copy Vite emits so the worker loads from our own origin.
setWorkerUrl(new URL(workerUrl, window.location.href).href);
