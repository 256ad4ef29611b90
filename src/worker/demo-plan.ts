import type { DatasetKind } from './protocol';
import {
  datasetItems,
  populationLevel,
  type BoundaryLevel,
  type Dataset,
  type Workspace,
} from './workspace';

/**
 * What the user answers when their own file has loaded while demo datasets are loaded:
 * replace the demo datasets the plan names, keep them alongside (mixed), or drop the import.
 */
export type DemoAnswer = 'replace' | 'keep' | 'cancel';

/** A dataset as the demo question names it. */
export interface DemoPlanItem {
  id: string;
  kind: DatasetKind;
  fileName: string;
  /** Sites, areas or population rows. */
  itemCount: number;
  synthetic: boolean;
  /** Boundaries and population: the level they describe; null for stations. */
  level: BoundaryLevel | null;
}

/**
 * Which demo datasets an import of the user's own file replaces. The rule: the synthetic
 * stations always go (they are invented; mixed with real sites they make every count
 * wrong); the demo's real data (county boundaries, 2020 census) goes only when the user
 * brings their own of the same kind and level, so a regulator importing their stations for
 * Yushu keeps the demo's boundaries and census, and township polygons add detail to the demo
 * counties instead of replacing them. The demo's township list goes with its county
 * boundaries.
 */
export interface DemoPlan {
  incoming: Omit<DemoPlanItem, 'id' | 'synthetic'>;
  /** The demo dataset this import replaces by the user's own choice (替换), if any. */
  replaced: DemoPlanItem | null;
  /** Demo datasets a "replace" answer removes; empty: nothing to ask. */
  remove: DemoPlanItem[];
  /** Demo datasets that stay loaded either way. */
  keep: DemoPlanItem[];
  /** Townships of the demo's township list that go with the demo county boundaries (0: none). */
  townships: number;
}

function levelOf(d: Dataset): BoundaryLevel | null {
  if (d.kind === 'boundaries') return d.level;
  if (d.kind === 'population') return populationLevel(d.rows);
  return null;
}

function itemOf(d: Dataset): DemoPlanItem {
  const itemCount = datasetItems(d);
  return {
    id: d.id,
    kind: d.kind,
    fileName: d.fileName,
    itemCount,
    synthetic: d.synthetic,
    level: levelOf(d),
  };
}

/** Whether loading `incoming` replaces the demo dataset `d` by default. */
function replacedByDefault(d: Dataset, incoming: Dataset): boolean {
  // A DEM adds terrain to whatever is loaded: it replaces no demo data.
  if (incoming.kind === 'dem') return d.kind === 'dem';
  return d.synthetic || (d.kind === incoming.kind && levelOf(d) === levelOf(incoming));
}

/**
 * The demo question for `incoming`, a file of the user's that has loaded but is not yet in
 * the workspace; `replaceId` is the dataset it is to replace (替换), which goes anyway.
 */
export function demoPlan(ws: Workspace, incoming: Dataset, replaceId?: string): DemoPlan {
  const demo = ws.list().filter((d) => d.demo);
  const replacedDataset = demo.find((d) => d.id === replaceId) ?? null;
  const others = demo.filter((d) => d !== replacedDataset);
  // A population surface (settlements, raster) only says where people live: it replaces
  // the demo's synthetic settlements (the workspace drops them) and nothing else.
  const surface = incoming.kind === 'settlements' || incoming.kind === 'population-raster';
  const remove = surface ? [] : others.filter((d) => replacedByDefault(d, incoming));
  const register = ws.registerInfo();
  const registerGoes =
    register.ownerId !== null &&
    (register.ownerId === replaceId || remove.some((d) => d.id === register.ownerId));
  const { kind, fileName, itemCount, level } = itemOf(incoming);
  return {
    incoming: { kind, fileName, itemCount, level },
    replaced: replacedDataset && itemOf(replacedDataset),
    remove: remove.map(itemOf),
    keep: others.filter((d) => !remove.includes(d)).map(itemOf),
    townships: registerGoes ? register.count : 0,
  };
}
