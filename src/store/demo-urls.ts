// The demo region ships inside the build as static assets: loading it never leaves the machine.
import countiesUrl from '../../geo/yushu-counties.geojson?url';
import stationsUrl from '../../geo/yushu-stations.csv?url';
import populationUrl from '../../geo/yushu-population.csv?url';
import townshipsUrl from '../../geo/yushu-townships.json?url';
import settlementsUrl from '../../geo/yushu-settlements.csv?url';

export interface DemoUrls {
  counties: string;
  stations: string;
  population: string;
  townships: string;
  settlements: string;
}

export function demoUrls(): DemoUrls {
  const abs = (u: string) => new URL(u, window.location.href).href;
  return {
    counties: abs(countiesUrl),
    stations: abs(stationsUrl),
    population: abs(populationUrl),
    townships: abs(townshipsUrl),
    settlements: abs(settlementsUrl),
  };
}
