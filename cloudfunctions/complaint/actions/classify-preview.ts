import type { ClassificationPreview } from '@shared/classifier/describe';
import { describeClassification } from '@shared/classifier/describe';
import type { Category } from '@shared/complaint/model';
import { DEFAULT_TAXONOMY } from '@shared/complaint/taxonomy';
import { complaintClassifier } from '../../_server/classifier';
import { refineWithCloudModel } from '../../_server/cloud-model';

/**
 * What the system understands from a description as it is typed: category, whether it is a food-safety case,
 * the level and the department. Reads nothing from the database; the complaint's own facts (VIP, repeat,
 * order delays) are added when it is submitted. Unsure answers may be refined by the optional cloud model.
 */
export async function classifyPreview(input: { text: string; categoryHint?: Category }): Promise<ClassificationPreview> {
  const local = complaintClassifier().classify(input);
  return describeClassification(await refineWithCloudModel(input.text, local), DEFAULT_TAXONOMY);
}
