import { describe, expect, it } from 'vitest';
import { centerAttr, followView, sameView, type CameraView } from '../../src/map/view-sync';

const view = (lon: number, lat: number, zoom = 8, bearing = 0, pitch = 0): CameraView => ({
  center: [lon, lat],
  zoom,
  bearing,
  pitch,
});

describe('side-by-side view sync', () => {
  it('gives the follower the leader’s whole camera', () => {
    const leader = view(97.01, 33.0, 9.5, 10, 20);
    const follower = view(96.5, 32.7, 8);
    expect(followView(leader, follower)).toEqual(leader);
    // A copy: moving the leader later does not move the follower's target.
    const v = followView(leader, follower)!;
    leader.center[0] = 0;
    expect(v.center[0]).toBe(97.01);
  });

  it('does nothing when the follower already shows the leader’s view, so moves do not echo', () => {
    const a = view(97, 33, 9);
    const b = followView(a, view(90, 30, 5))!;
    // The follower's own move event comes back with the maps swapped: no jump back.
    expect(followView(b, a)).toBeNull();
    expect(sameView(a, b)).toBe(true);
  });

  it('follows any one of centre, zoom, bearing or pitch changing', () => {
    const base = view(97, 33, 9);
    expect(followView(view(97.0001, 33, 9), base)).not.toBeNull();
    expect(followView(view(97, 32.9999, 9), base)).not.toBeNull();
    expect(followView(view(97, 33, 9.01), base)).not.toBeNull();
    expect(followView(view(97, 33, 9, 5), base)).not.toBeNull();
    expect(followView(view(97, 33, 9, 0, 30), base)).not.toBeNull();
  });

  it('writes the centre to six decimals', () => {
    expect(centerAttr(view(97.123456789, 33.5))).toBe('97.123457,33.500000');
  });
});
