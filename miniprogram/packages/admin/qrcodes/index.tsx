import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Segmented from '@nutui/nutui-react-taro/dist/es/packages/segmented';
import '@nutui/nutui-react-taro/dist/es/packages/segmented/style/css';
import type { GeneratedQrCode, QrCodeItem } from '@shared/api/functions/admin';
import { useState } from 'react';
import { call } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingSkeleton } from '../../../components/LoadingSkeleton';
import { useRemote } from '../../../hooks/useRemote';
import { useSession } from '../../../session';
import { QrPreview } from './components/QrPreview';
import { QrRow } from './components/QrRow';
import './index.scss';

type Kind = QrCodeItem['kind'];

const KIND_LABELS: Record<Kind, string> = { package: '包装批次', store: '门店' };

/** 二维码管理 — package and store codes; admins generate the PNG (admin.generateQrCode). */
export default function QrCodesPage() {
  const session = useSession();
  const { state, reload } = useRemote(() => call('admin', 'listQrCodes', {}), [session.epoch]);
  const [kind, setKind] = useState<Kind>('package');
  const [busy, setBusy] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  // scene → fileId generated on this visit, so rows say 已生成 without reloading the list.
  const [generated, setGenerated] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ code: GeneratedQrCode; label: string }>();

  const callerKind = session.state.status === 'ready' ? session.state.session.kind : undefined;
  const canGenerate = callerKind === 'admin';

  async function generate(item: QrCodeItem) {
    if (busy) return;
    setBusy(item.scene);
    setErrors(({ [item.scene]: _dropped, ...rest }) => rest);
    const res = await call('admin', 'generateQrCode', { scene: item.scene });
    setBusy(undefined);
    if (res.ok) {
      setGenerated((g) => ({ ...g, [item.scene]: res.data.fileId }));
      setPreview({ code: res.data, label: item.label });
    } else {
      setErrors((e) => ({ ...e, [item.scene]: res.error.message }));
      void Taro.showToast({ title: res.error.message, icon: 'none' });
    }
  }

  let body;
  if (state.status === 'loading') {
    body = <LoadingSkeleton cards={2} lines={3} label='正在加载二维码清单' />;
  } else if (state.status === 'error') {
    const denied = state.error.code === 'FORBIDDEN' || state.error.code === 'UNAUTHENTICATED';
    body = <ErrorState title={denied ? '没有查看权限' : '二维码清单加载失败'} error={state.error} onRetry={denied ? undefined : () => void reload()} />;
  } else {
    const counts = { package: 0, store: 0 };
    state.data.items.forEach((item) => counts[item.kind]++);
    const items = state.data.items.filter((item) => item.kind === kind);
    body = (
      <>
        {/* NutUI Segmented ignores className: theme it through a wrapper. */}
        <View className='qrcodes-page__segments' aria-label='二维码类型'>
          <Segmented
            value={kind}
            options={(['package', 'store'] as const).map((k) => ({ label: `${KIND_LABELS[k]}（${counts[k]}）`, value: k }))}
            onChange={(value) => setKind(value as Kind)}
          />
        </View>
        {callerKind && !canGenerate && <Text className='qrcodes-page__note'>仅管理员可以生成小程序码，您可以查看清单。</Text>}
        {items.length === 0 ? (
          <EmptyState title={`暂无${KIND_LABELS[kind]}二维码`} description='新增批次或门店后，这里会列出对应的二维码。' />
        ) : (
          <View className='k-card qrcodes-page__list' id={`qr-list-${kind}`}>
            {items.map((item) => (
              <QrRow
                key={item.scene}
                item={generated[item.scene] ? { ...item, fileId: generated[item.scene] } : item}
                canGenerate={canGenerate}
                generating={busy === item.scene}
                error={errors[item.scene]}
                onGenerate={(it) => void generate(it)}
              />
            ))}
          </View>
        )}
      </>
    );
  }

  return (
    <View className='k-page k-page--plain qrcodes-page' id='qrcodes-page'>
      <Text className='k-section-title qrcodes-page__title'>二维码管理</Text>
      {body}
      <QrPreview code={preview?.code} label={preview?.label} onClose={() => setPreview(undefined)} />
    </View>
  );
}
