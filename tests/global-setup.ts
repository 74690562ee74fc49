import { buildFunctions } from '../scripts/build-functions';

/** Tests run the built bundles, as production does: build them once per run (about a second). */
export default async function setup(): Promise<void> {
  await buildFunctions();
}
