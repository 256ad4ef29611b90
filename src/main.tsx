import { loadDemo } from './store/actions';
import { analyseOnNewData } from './store/analysis-actions';

// The page's entry: the analysis worker and the demo start before the app's own code
// (React, maplibre, the panels: most of the bundle) has been fetched and evaluated, so the
// worker reads and analyses the demo while the page is still starting.
analyseOnNewData();
void loadDemo();
void import('./mount');
