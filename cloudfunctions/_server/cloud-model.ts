import type { Classification } from '@shared/classifier/classify';
import { cloudPrompt, mergeCloudAnswer } from '@shared/classifier/cloud-prompt';

/**
 * The optional cloud model for complaints the local classifier is unsure about: Tencent Cloud hunyuan through
 * tencentcloud-sdk-nodejs. Off unless HUNYUAN_SECRET_ID and HUNYUAN_SECRET_KEY are set in the function's
 * environment; HUNYUAN_ENDPOINT / HUNYUAN_PROTOCOL point it elsewhere (the local cloud records such calls
 * instead of sending them). Any failure keeps the local answer: the cloud model can only refine it.
 */
export interface CloudModelConfig {
  secretId: string;
  secretKey: string;
  region: string;
  model: string;
  endpoint: string;
  protocol: string;
  timeoutS: number;
}

export function cloudModelConfig(env: NodeJS.ProcessEnv = process.env): CloudModelConfig | undefined {
  if (!env.HUNYUAN_SECRET_ID || !env.HUNYUAN_SECRET_KEY) return undefined;
  return {
    secretId: env.HUNYUAN_SECRET_ID,
    secretKey: env.HUNYUAN_SECRET_KEY,
    region: env.HUNYUAN_REGION || 'ap-guangzhou',
    model: env.HUNYUAN_MODEL || 'hunyuan-lite',
    endpoint: env.HUNYUAN_ENDPOINT || 'hunyuan.tencentcloudapi.com',
    protocol: env.HUNYUAN_PROTOCOL || 'https://',
    timeoutS: Number(env.HUNYUAN_TIMEOUT_S || 4),
  };
}

export async function refineWithCloudModel(text: string, local: Classification, config = cloudModelConfig()): Promise<Classification> {
  if (!config || !local.needsTriage) return local;
  try {
    // Loaded only when configured, so the SDK costs nothing at a cold start when the feature is off.
    const { hunyuan } = await import('tencentcloud-sdk-nodejs-hunyuan');
    const client = new hunyuan.v20230901.Client({
      credential: { secretId: config.secretId, secretKey: config.secretKey },
      region: config.region,
      profile: { httpProfile: { endpoint: config.endpoint, protocol: config.protocol, reqTimeout: config.timeoutS } },
    });
    const res = await client.ChatCompletions({ Model: config.model, Messages: cloudPrompt(text), Temperature: 0 });
    const answer = res.Choices?.[0]?.Message?.Content ?? '';
    return mergeCloudAnswer(local, answer, config.model);
  } catch (error) {
    console.error(JSON.stringify({ level: 'warn', component: 'cloud-model', error: (error as Error).message }));
    return local;
  }
}
