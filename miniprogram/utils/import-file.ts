import Taro from '@tarojs/taro';
import { importCloudPath, type PickedImportFile } from './import-path';

export type { PickedImportFile } from './import-path';

/**
 * WeChat build: a CSV or JSON file from a chat (电脑端微信 or a file sent to oneself — the mini-program cannot
 * browse the phone's files), uploaded to cloud storage; `admin.importLogistics` then reads it by fileID, so the
 * call stays far below the ~100 KB limit of callFunction.
 */
export async function pickAndUploadImportFile(): Promise<PickedImportFile | undefined> {
  let picked: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'json', 'txt'] });
  } catch {
    return undefined; // cancelled
  }
  const file = picked.tempFiles[0];
  if (!file) return undefined;
  const res = await Taro.cloud.uploadFile({ cloudPath: importCloudPath(file.name), filePath: file.path });
  return { fileId: res.fileID, name: file.name, bytes: file.size };
}
