import { Input, Text, Textarea, View } from '@tarojs/components';
import type { TicketView } from '@shared/api/functions/ticket';
import { useEffect, useState } from 'react';
import { call, type ClientError } from '../../../../api';
import { ActionButton } from '../../../../components/ActionButton';
import { InfoList, type InfoItem } from '../../../../components/InfoList';
import { SamplePhotos } from '../../../../components/SamplePhotos';
import { SpiceMeter } from '../../../../components/SpiceMeter';
import { pickMedia } from '../../../../utils/media';
import { uploadMedia } from '../../../../utils/upload';
import { formatShortDateTime } from '../../../../utils/time';
import './index.scss';

export interface SampleResultInput {
  conforms: boolean;
  measuredSpiceLevel?: number;
  measurements?: string;
  conclusion: string;
  photoFileIds: string[];
}

export interface SampleCardProps {
  view: TicketView;
  busy?: string;
  errors: Record<string, ClientError | undefined>;
  onRequest: (reason?: string) => Promise<boolean>;
  onCancel: (reason: string) => Promise<boolean>;
  onReceive: (note?: string) => Promise<boolean>;
  onResult: (input: SampleResultInput) => Promise<boolean>;
}

const STATE_TAGS: Record<string, string> = { requested: 's-tag--warn', shipped: 's-tag--info', received: 's-tag--info', resulted: 's-tag--ok', cancelled: '' };
const LEVELS = [1, 2, 3, 4, 5];
const MAX_PHOTOS = 9;

function FieldError({ error, field }: { error?: ClientError; field?: string }) {
  if (!error) return null;
  const text = field ? error.fields?.[field] : Object.keys(error.fields ?? {}).length ? undefined : error.message;
  return text ? (
    <Text className='s-error' aria-live='assertive'>
      {text}
    </Text>
  ) : null;
}

/** The lab's result form: verdict, measured 麻辣度, notes, conclusion and photos (uploaded as they are picked). */
function ResultForm({ busy, error, onResult }: { busy: boolean; error?: ClientError; onResult: SampleCardProps['onResult'] }) {
  const [conforms, setConforms] = useState<boolean>();
  const [level, setLevel] = useState<number>();
  const [measurements, setMeasurements] = useState('');
  const [conclusion, setConclusion] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(0);
  const [uploadError, setUploadError] = useState<string>();

  const addPhotos = async () => {
    setUploadError(undefined);
    const picked = (await pickMedia(MAX_PHOTOS - photos.length).catch(() => [])).filter((m) => m.kind === 'image');
    setUploading((n) => n + picked.length);
    await Promise.all(
      picked.map(async (m) => {
        try {
          const fileId = await uploadMedia(m.path, 'image', () => undefined).done;
          setPhotos((p) => [...p, fileId]);
        } catch {
          setUploadError('有照片上传失败，请重试');
        } finally {
          setUploading((n) => n - 1);
        }
      }),
    );
  };

  const ready = conforms !== undefined && conclusion.trim().length >= 5 && photos.length > 0 && !uploading;
  return (
    <View className='k-sample__form' id='sample-result-form'>
      <Text className='s-label'>是否符合产品标准</Text>
      <View className='s-row'>
        {[true, false].map((v) => (
          <View key={String(v)} id={`sample-conforms-${v ? 'yes' : 'no'}`} className={`k-sample__chip${conforms === v ? ' k-sample__chip--on' : ''}`} role='button' aria-pressed={conforms === v} onClick={() => setConforms(v)}>
            {v ? '符合' : '不符合'}
          </View>
        ))}
      </View>
      <Text className='s-label'>实测麻辣度（选填）</Text>
      <View className='s-row'>
        {LEVELS.map((n) => (
          <View key={n} id={`sample-level-${n}`} className={`k-sample__chip${level === n ? ' k-sample__chip--on' : ''}`} role='button' aria-pressed={level === n} onClick={() => setLevel(level === n ? undefined : n)}>
            {n}
          </View>
        ))}
      </View>
      <Text className='s-label'>实测记录：辣度、咸淡等（选填）</Text>
      <Input id='sample-measurements' className='s-input k-sample__input' value={measurements} maxlength={300} placeholder='例如：辣椒素偏低；咸度正常' onInput={(e) => setMeasurements(e.detail.value)} />
      <FieldError error={error} field='measurements' />
      <Text className='s-label'>检测结论（顾客可见）</Text>
      <Textarea id='sample-conclusion' className='s-textarea' value={conclusion} maxlength={300} autoHeight placeholder='例如：该批次辣度低于标称的特辣，属配料偏差' onInput={(e) => setConclusion(e.detail.value)} />
      <FieldError error={error} field='conclusion' />
      <Text className='s-label'>检测照片（至少 1 张）</Text>
      <SamplePhotos fileIds={photos} label='检测照片' />
      <View className='s-row'>
        <ActionButton id='sample-photo-add' type='outline' size='small' loading={uploading > 0} disabled={photos.length >= MAX_PHOTOS} onClick={() => void addPhotos()}>
          {uploading ? `上传中（${uploading}）` : '添加照片'}
        </ActionButton>
        {photos.length > 0 && <Text className='s-muted'>已上传 {photos.length} 张</Text>}
      </View>
      {uploadError && <Text className='s-error'>{uploadError}</Text>}
      <FieldError error={error} field='photoFileIds' />
      <FieldError error={error} />
      <View className='s-row k-sample__foot'>
        <ActionButton
          id='sample-result-send'
          size='small'
          loading={busy}
          disabled={!ready}
          onClick={() =>
            void onResult({ conforms: conforms!, ...(level ? { measuredSpiceLevel: level } : {}), ...(measurements.trim() ? { measurements: measurements.trim() } : {}), conclusion: conclusion.trim(), photoFileIds: photos })
          }
        >
          提交检测结果
        </ActionButton>
      </View>
    </View>
  );
}

/**
 * 寄样复检 on the ticket: the spice-level reference of the product, a request with its reason, then the sample's
 * journey (code, tracking number, receipt, the lab's verdict with zoomable photos) and the lab's own buttons.
 */
export function SampleCard({ view, busy, errors, onRequest, onCancel, onReceive, onResult }: SampleCardProps) {
  const s = view.sample;
  const can = view.sampleAbilities ?? { canRequest: false, canCancel: false, canReceive: false, canRecordResult: false };
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'request' | 'cancel' | 'receive'>();
  const [urls, setUrls] = useState<Record<string, string>>({});
  const photoCount = s?.result?.photoFileIds.length ?? 0;

  useEffect(() => {
    setUrls({});
    if (!photoCount) return;
    let live = true;
    void call('ticket', 'mediaUrls', { complaintId: view.complaintId, of: 'sample' }).then((res) => {
      if (live && res.ok) setUrls(Object.fromEntries(res.data.items.map((i) => [i.fileId, i.url])));
    });
    return () => {
      live = false;
    };
  }, [view.complaintId, photoCount]);

  // Shown for quality complaints and any ticket about a product with a 麻辣度 entry, or once a sample exists.
  if (!s && !view.spice && view.classification.category !== 'quality') return null;

  const open = (m: typeof mode) => {
    setText('');
    setMode(m);
  };
  const submit = async () => {
    const note = text.trim();
    const ok = mode === 'request' ? await onRequest(note || undefined) : mode === 'cancel' ? await onCancel(note) : await onReceive(note || undefined);
    if (ok) setMode(undefined);
  };

  const facts: InfoItem[] = s
    ? [
        { label: '寄样码', value: <Text className='k-mono k-sample__code'>{s.returnCode}</Text>, id: 'sample-code' },
        { label: '发起', value: `${s.requestedByName ?? ''} ${formatShortDateTime(s.requestedAt)}` },
        ...(s.reason ? [{ label: '原因（内部）', value: s.reason }] : []),
        ...(s.trackingNo ? [{ label: '快递', value: <Text className='k-mono'>{`${s.courier ?? ''} ${s.trackingNo}`}</Text>, id: 'sample-tracking' }] : []),
        ...(s.receivedAt ? [{ label: '收样', value: `${formatShortDateTime(s.receivedAt)}${s.receiptNote ? ` · ${s.receiptNote}` : ''}` }] : []),
        ...(s.cancelledAt ? [{ label: '已取消', value: `${formatShortDateTime(s.cancelledAt)} · ${s.cancelReason ?? ''}` }] : []),
        ...(s.pausedMinutes ? [{ label: 'SLA 暂停', value: `${Math.floor(s.pausedMinutes / 60)} 小时 ${s.pausedMinutes % 60} 分` }] : []),
      ]
    : [];

  return (
    <View className='s-card k-sample' id='ticket-sample' data-state={s?.state ?? 'none'}>
      <View className='k-sample__head'>
        <Text className='s-title k-sample__title'>寄样复检</Text>
        {s && (
          <Text className={`s-tag ${STATE_TAGS[s.state]}`} id='sample-state'>
            {s.stateLabel}
          </Text>
        )}
      </View>
      {view.spice && (
        <View className='k-sample__spice' id='ticket-spice'>
          <Text className='s-muted'>{view.spice.productName} · 麻辣度参考</Text>
          <SpiceMeter level={view.spice.level} note={view.spice.note} />
        </View>
      )}
      {!s && <Text className='s-muted'>口味争议可请顾客寄回剩余产品，由质检实验室复检。样品在途期间 SLA 暂停计时。</Text>}
      {s && <InfoList items={facts} />}
      {s?.result && (
        <View className={`k-sample__result${s.result.conforms ? '' : ' k-sample__result--bad'}`} id='sample-result'>
          <Text className='k-sample__verdict'>{s.result.verdict}</Text>
          {s.result.measuredSpiceLevel && <SpiceMeter level={s.result.measuredSpiceLevel} label='实测麻辣度' />}
          {s.result.measurements && <Text className='k-sample__line'>实测：{s.result.measurements}</Text>}
          <Text className='k-sample__line'>结论：{s.result.conclusion}</Text>
          <SamplePhotos id='sample-photos' fileIds={s.result.photoFileIds} urls={urls} label='检测照片' />
          <Text className='s-muted'>
            {s.result.recordedByName ?? '实验室'} 录入于 {formatShortDateTime(s.result.recordedAt)}
          </Text>
        </View>
      )}

      {mode ? (
        <View className='k-sample__form'>
          <Text className='s-label'>{mode === 'request' ? '寄样原因（内部，选填）' : mode === 'cancel' ? '取消原因（必填）' : '收样备注（选填，如包装、温度）'}</Text>
          <Textarea id='sample-note' className='s-textarea' value={text} maxlength={1000} autoHeight placeholder={mode === 'request' ? '例如：顾客称不辣，需核对该批次辣度' : mode === 'cancel' ? '例如：顾客已丢弃剩余产品' : '例如：冰袋已化，样品尚冷'} onInput={(e) => setText(e.detail.value)} />
          <FieldError error={errors[`sample-${mode}`]} field={mode === 'cancel' ? 'reason' : mode === 'request' ? 'reason' : 'note'} />
          <FieldError error={errors[`sample-${mode}`]} />
          <View className='s-row k-sample__foot'>
            <ActionButton type='outline' size='small' onClick={() => setMode(undefined)}>
              返回
            </ActionButton>
            <ActionButton id='sample-confirm' size='small' loading={busy === `sample-${mode}`} disabled={mode === 'cancel' && !text.trim()} onClick={() => void submit()}>
              {mode === 'request' ? '发给顾客寄样说明' : mode === 'cancel' ? '确认取消寄样' : '确认已收到样品'}
            </ActionButton>
          </View>
        </View>
      ) : (
        <View className='s-row k-sample__actions'>
          {can.canRequest && (
            <ActionButton id='sample-request' size='small' type={s ? 'outline' : 'primary'} onClick={() => open('request')}>
              {s ? '再次请顾客寄样' : '请顾客寄样复检'}
            </ActionButton>
          )}
          {can.canReceive && (
            <ActionButton id='sample-receive' size='small' onClick={() => open('receive')}>
              登记收到样品
            </ActionButton>
          )}
          {can.canCancel && (
            <ActionButton id='sample-cancel' size='small' type='outline' onClick={() => open('cancel')}>
              取消寄样
            </ActionButton>
          )}
        </View>
      )}
      {can.canRecordResult && !mode && <ResultForm busy={busy === 'sample-result'} error={errors['sample-result']} onResult={onResult} />}
    </View>
  );
}

export default SampleCard;
