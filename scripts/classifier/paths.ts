import path from 'node:path';

/** The classifier's versioned artifact, built by `npm run train:classifier` and shipped with the complaint function. */
export const MODEL_PATH = path.resolve(__dirname, '..', '..', 'models', 'complaint-classifier.json');
