import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import {
  asProperties,
  boundaryText,
  type FileNote,
  type RawFeature,
  type RawLayer,
} from './boundary-source';
import { errorText } from './decode-text';
import { MAX_COLLECTION_DEPTH } from './geometry-validate';
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
 * XML entities are never expanded. xmldom ignores a DTD's declarations, so `&xxe;` is an
 * unknown entity either way; refusing the declarations up front gives the real reason, fast,
 * for external entities (file:// or http:// — never fetched) and billion-laughs expansion.
 * Declarations live in the DOCTYPE, before the root element, so only the prolog is searched.
 */
function refuseEntities(text: string, file: string): void {
  const root = text.search(/<[A-Za-z_]/);
  const prolog = root < 0 ? text : text.slice(0, root);
  if (/<!ENTITY/i.test(prolog)) {
    throw new ImportError(
      file,
      'xml-entities',
      'the file declares XML entities (<!ENTITY>): they are never expanded — external entities could read local files or make network requests, nested ones expand without bound; remove the DOCTYPE and import again',
    );
  }
}

type XmlNode = {
  nodeType: number;
  localName?: string | null;
  childNodes: ArrayLike<XmlNode>;
  removeChild(n: XmlNode): unknown;
};
const COLLECTIONS = new Set(['MultiGeometry', 'MultiTrack']);

/**
 * Placemarks whose MultiGeometry nests deeper than any real boundary: togeojson flattens
 * them recursively (a 10,000-deep file overflows the stack), so their geometry is removed
 * before it runs and the placemark is rejected by index. Measured without recursion.
 */
function cutDeepGeometry(doc: { getElementsByTagName(name: string): ArrayLike<unknown> }) {
  const problems = new Map<number, FileNote>();
  const placemarks = doc.getElementsByTagName('Placemark');
  for (let i = 0; i < placemarks.length; i++) {
    const pm = placemarks[i] as XmlNode;
    const stack: [XmlNode, number][] = [[pm, 0]];
    let deep = false;
    while (stack.length > 0 && !deep) {
      const [n, d] = stack.pop() as [XmlNode, number];
      for (let k = 0; k < n.childNodes.length; k++) {
        const c = n.childNodes[k];
        if (c.nodeType !== 1) continue;
        const depth = d + (COLLECTIONS.has(c.localName ?? '') ? 1 : 0);
        if (depth > MAX_COLLECTION_DEPTH) deep = true;
        else stack.push([c, depth]);
      }
    }
    if (!deep) continue;
    for (const c of Array.from(pm.childNodes))
      if (c.nodeType === 1 && COLLECTIONS.has(c.localName ?? '')) pm.removeChild(c);
    problems.set(i, {
      code: 'nesting-too-deep',
      message: `MultiGeometry elements are nested deeper than ${MAX_COLLECTION_DEPTH} levels`,
      params: { limit: MAX_COLLECTION_DEPTH },
    });
  }
  return problems;
}

/**
 * KML via @tmcw/togeojson. src/io runs in Node, workers and the browser, so the XML is
 * parsed with @xmldom/xmldom everywhere (workers have no DOMParser); togeojson only walks
 * nodes (nodeType, localName, getElementsByTagName), which xmldom documents provide.
 * MultiGeometry comes out as a GeometryCollection; the validator flattens its polygons.
 */
export function readKml(bytes: Uint8Array, file: string, format: 'kml' | 'kmz' = 'kml'): RawLayer {
  const { text, encoding } = boundaryText(bytes, file, xmlDeclaredEncoding(bytes));
  refuseEntities(text, file);
  let doc: ReturnType<DOMParser['parseFromString']>;
  let first: string | null = null;
  try {
    doc = new DOMParser({
      // Recoverable errors would leave a half-read document; treat every error as fatal.
      onError: (level, message) => {
        if (level === 'warning') return;
        first ??= message;
        throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (e) {
    // xmldom rethrows our error wrapped in its own ("Reporting error … caused …").
    const reason = (first ?? errorText(e)).split('\n')[0].slice(0, 200);
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
  const tooDeep = cutDeepGeometry(doc);
  const fc = kml(doc as unknown as Document);
  // togeojson yields one feature per Placemark, in document order, before anything else.
  const features: RawFeature[] = fc.features.map((f, i) => ({
    geometry: f.geometry,
    properties: asProperties(f.properties),
    ...(tooDeep.has(i) ? { problem: tooDeep.get(i) } : {}),
  }));
  return { format, features, crs: null, layer: null, layers: [], notes: [], encoding };
}
