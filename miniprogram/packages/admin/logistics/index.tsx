import { Text, Textarea, View } from '@tarojs/components';
import type { ImportResult } from '@shared/logistics/report';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, ROW_FIELDS, type ImportKind } from '@shared/logistics/rows';
import { useRef, useState } from 'react';
import { call, newRequestId, type ClientError } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { pickAndUploadImportFile } from '../../../utils/import-file';
import '../admin.scss';
import './index.scss';

type Format = 'csv' | 'json';

/** What a first line looks like, so a person can paste a few rows without opening a manual. */
const EXAMPLES: Record<ImportKind, Record<Format, string>> = {
  orders: {
    csv: `${ROW_FIELDS.orders.join(',')}\nSO20261120000123,o6_bmjrPTlm6_2sgVt7hMZOPfL2M,2026-11-20 10:00,2026-11-21 10:00,7960,成都,川西片区,miniprogram,delivered,2026-11-21 09:30,,sausage-classic:2:3980`,
    json: '[{"orderNo":"SO20261120000123","customerOpenid":"o6_bmjrPTlm6_2sgVt7hMZOPfL2M","paidAt":"2026-11-20 10:00","promisedBy":"2026-11-21 10:00","totalFen":7960,"city":"成都","region":"川西片区","items":[{"productId":"sausage-classic","qty":2,"priceFen":3980}]}]',
  },
  shipments: {
    csv: `${ROW_FIELDS.shipments.join(',')}\nSO20261120000123,顺丰冷运,SF1400000007919,2026-11-20 14:00,2026-11-21 02:00,-15`,
    json: '[{"orderNo":"SO20261120000123","carrier":"顺丰冷运","trackingNo":"SF1400000007919","dispatchedAt":"2026-11-20 14:00","readings":[{"readingId":"SF1-001","at":"2026-11-20 14:00","celsius":-18.2}]}]',
  },
  readings: {
    csv: `${ROW_FIELDS.readings.join(',')}\nSO20261120000123,SF1-001,2026-11-20 14:00,-18.2\nSO20261120000123,SF1-002,2026-11-20 14:10,-17.9`,
    json: '[{"orderNo":"SO20261120000123","readingId":"SF1-001","at":"2026-11-20 14:00","celsius":-18.2}]',
  },
};

/** The inline limit of the action (calls over ~100 KB must pass a file). */
const INLINE_LIMIT = 90_000;

/**
 * 物流数据导入: orders, shipments and temperature readings from the logistics system, pasted or as a file. The
 * whole batch is checked first; any bad row refuses it, with the rows listed, so nothing is half-imported.
 * Importing the same data again changes nothing.
 */
export default function LogisticsImportPage() {
  const [kind, setKind] = useState<ImportKind>('readings');
  const [format, setFormat] = useState<Format>('csv');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState<'paste' | 'file'>();
  const [result, setResult] = useState<{ data: ImportResult; source: string }>();
  const [error, setError] = useState<ClientError>();
  const requestId = useRef(newRequestId());

  const run = async (input: { content?: string; fileId?: string }, source: string, mode: 'paste' | 'file') => {
    setBusy(mode);
    setError(undefined);
    setResult(undefined);
    const res = await call('admin', 'importLogistics', { format, kind, ...input }, { requestId: requestId.current });
    setBusy(undefined);
    // A new request id per attempt that reached the server: a retry after a network error keeps the old one.
    if (res.ok || res.error.code !== 'INTERNAL') requestId.current = newRequestId();
    if (!res.ok) return setError(res.error);
    setResult({ data: res.data, source });
  };

  const importPasted = () => {
    if (!content.trim()) return setError({ code: 'INVALID_INPUT', message: '请先粘贴要导入的内容', fields: { content: '请先粘贴要导入的内容' } } as ClientError);
    if (content.length > INLINE_LIMIT) return setError({ code: 'INVALID_INPUT', message: '内容超过 90 KB，请改用「选择文件」上传' } as ClientError);
    void run({ content }, '粘贴的内容', 'paste');
  };

  const importFile = async () => {
    setError(undefined);
    let picked;
    try {
      setBusy('file');
      picked = await pickAndUploadImportFile();
    } catch (e) {
      setBusy(undefined);
      return setError({ code: 'INTERNAL', message: `文件上传失败：${(e as Error).message}` } as ClientError);
    }
    setBusy(undefined);
    if (!picked) return;
    await run({ fileId: picked.fileId }, `${picked.name}（${Math.max(1, Math.round(picked.bytes / 1024))} KB）`, 'file');
  };

  const rowErrors = error?.fields ? Object.entries(error.fields).filter(([k]) => k !== 'more' && k !== 'content') : [];
  const r = result?.data.report;

  return (
    <View className='k-page k-page--plain a-page logistics-import' id='logistics-import-page'>
      <Text className='a-page-title'>物流数据导入</Text>
      <View className='k-card'>
        <Text className='a-label'>导入什么</Text>
        <ChoiceChips id='import-kind' ariaLabel='导入的数据' allowDeselect={false} options={IMPORT_KINDS.map((k) => ({ value: k, label: IMPORT_KIND_LABELS[k] }))} value={kind} onChange={(k) => k && setKind(k)} />
        <Text className='a-label'>格式</Text>
        <ChoiceChips id='import-format' ariaLabel='格式' allowDeselect={false} options={[{ value: 'csv' as const, label: 'CSV' }, { value: 'json' as const, label: 'JSON' }]} value={format} onChange={(f) => f && setFormat(f)} />
        <Text className='a-label'>粘贴内容（第一行是列名，时间按北京时间；或选择文件，文件大小不限于 90 KB）</Text>
        <Textarea id='import-content' className='a-textarea logistics-import__text' value={content} maxlength={-1} placeholder={EXAMPLES[kind][format]} onInput={(e) => setContent(e.detail.value)} />
        <View className='a-foot'>
          <ActionButton id='import-file' type='outline' size='small' loading={busy === 'file'} disabled={!!busy} onClick={() => void importFile()}>
            选择文件
          </ActionButton>
          <ActionButton id='import-run' size='small' loading={busy === 'paste'} disabled={!!busy} onClick={importPasted}>
            导入
          </ActionButton>
        </View>
      </View>

      {error && (
        <View className='k-card logistics-import__errors' id='import-errors'>
          <Text className='a-error'>{error.message}</Text>
          {rowErrors.map(([where, message]) => (
            <Text key={where} className='logistics-import__row'>
              {where.replace(/\.(\w+)$/, '')}：{message}
            </Text>
          ))}
          {error.fields?.more && <Text className='a-muted'>{error.fields.more}</Text>}
        </View>
      )}

      {result && r && (
        <View className='k-card' id='import-result'>
          <Text className='a-ok'>已导入 {result.source}：{result.data.summary}</Text>
          <View className='logistics-import__counts'>
            <Text>订单：新增 {r.orders.created}，更新 {r.orders.updated}，未变 {r.orders.unchanged}</Text>
            <Text>运单：新增 {r.shipments.created}，更新 {r.shipments.updated}，未变 {r.shipments.unchanged}</Text>
            <Text>温度读数：新增 {r.readings.added}，更正 {r.readings.updated}，未变 {r.readings.unchanged}</Text>
            {r.complaintsNotified > 0 && <Text>已在 {r.complaintsNotified} 张冷链工单上记录「已取得温度记录」</Text>}
          </View>
        </View>
      )}

      <View className='k-card logistics-import__help'>
        <Text className='k-section-title'>说明</Text>
        <Text className='a-muted'>· 整批校验：任何一行有错，整批都不导入，并列出出错的行。</Text>
        <Text className='a-muted'>· 可重复导入：订单按订单号、读数按读数编号去重，重复的数据不会重复写入。</Text>
        <Text className='a-muted'>· 物流系统也可以直接推送到 HTTP 接口 /logistics/push（HMAC-SHA256 签名）。</Text>
      </View>
    </View>
  );
}
