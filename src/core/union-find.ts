/**
 * Union-find over indices 0…n−1 in an Int32Array (`parent[i] === i` at a root), shared by
 * the run-length component labelling of gaps and gap units and by the grouping of cells
 * into sites. Roots are always the smallest index of their set, so sets come out in order
 * of their first member whatever the order of the unions.
 */

/** The root of i, halving the path on the way (the array is changed in place). */
export function findRoot(parent: Int32Array, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r];
  while (parent[i] !== r) {
    const next = parent[i];
    parent[i] = r;
    i = next;
  }
  return r;
}

/** Joins the sets of a and b under the smaller root; returns that root. */
export function unionMin(parent: Int32Array, a: number, b: number): number {
  const ra = findRoot(parent, a);
  const rb = findRoot(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
  return ra < rb ? ra : rb;
}

/** parent[i] = i for i < n: every index its own set. */
export function identityParents(n: number): Int32Array {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  return parent;
}
