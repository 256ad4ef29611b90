import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { asProperties, boundaryText, type RawLayer } from './boundary-source';
import { errorText } from './decode-text';
import { ImportError } from './issues';

/** The encoding named in `<?xml … encoding="GBK"?>`, read from the ASCII prefix. */
function xmlDeclaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.-]+)["']/.exec(
    head.replace(/^\ufeff|^ï»¿/, ''),
  );
  return m ? m[1] : null;
}

/**
 * KML via @tmcw/togeojson. src/io runs in Node, workers and the browser, so the XML is
 * parsed with @xmldom/xmldom everywhere (workers have no DOMParser); togeojson only walks
 * nodes (nodeType, localName, getElementsByTagName), which xmldom documents provide.
 * MultiGeometry comes out as a GeometryCollection; the validator flattens its polygons.
 */
export function readKml(bytes: Uint8Array, file: string, format: 'kml' | 'kmz' = 'kml'): RawLayer {
  const { text, encoding } = boundaryText(bytes, file, xmlDeclaredEncoding(bytes));
  let doc: ReturnType<DOMParser['parseFromString']>;
  try {
    doc = new DOMParser({
      // Recoverable errors would leave a half-read document; treat every error as fatal.
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    const reason = errorText(e).split('\n')[0];
    throw new ImportError(file, 'invalid-xml', `not well-formed XML (truncated?): ${reason}`, {
      reason,
    });
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'kml') {
    throw new ImportError(file, 'not-kml', `XML root is <${root?.localName ?? '?'}>, not <kml>`);
  }
  // Library edge: togeojson is typed against the DOM lib's Document; xmldom's is compatible
  // in everything togeojson touches.
  const fc = kml(doc as unknown as Document);
  const features = fc.features.map((f) => ({
    geometry: f.geometry,
    properties: asProperties(f.properties),
  }));
  return { format, features, crs: null, layer: null, layers: [], notes: [], encoding };
}
