// polylabel 2 ships no type declarations; this covers its one export (README "Usage").
declare module 'polylabel' {
  /** Pole of inaccessibility of a polygon (rings as [x, y] arrays); `distance` on the result. */
  export default function polylabel(
    polygon: number[][][],
    precision?: number,
    debug?: boolean,
  ): [number, number] & { distance: number };
}
