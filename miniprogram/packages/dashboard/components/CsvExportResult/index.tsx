import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CsvExport } from '@shared/api/functions/stats';
import { useState } from 'react';
import type { ClientEnvelope, ClientError } from '../../../../api';
import './index.scss';

/**
 * One CSV export at a time: the file or the error of the last one. The browser build downloads at once; WeChat
 * cannot open a CSV, so the result shows a link to copy to a PC.
 */
export function useCsvExport(run: () => Promise<ClientEnvelope<CsvExport>>) {
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<CsvExport | ClientError>();
  const start = async () => {
    setExporting(true);
    setExported(undefined);
    const res = await run();
    setExporting(false);
    setExported(res.ok ? res.data : res.error);
    if (res.ok && process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') window.open(res.data.url, '_blank');
  };
  return { exporting, exported, start };
}

export interface CsvExportResultProps {
  exported?: CsvExport | ClientError;
  id: string;
  /** Show the row count and whether the export hit its cap (the complaint list does; the weekly report has neither). */
  showRows: boolean;
}

/** What the last export gave: the file name (with a copyable link) or the error. */
export function CsvExportResult(props: Partial<CsvExportResultProps> & Pick<CsvExportResultProps, 'id'>) {
  const { exported, id, showRows = false } = props;
  if (!exported) return null;
  return (
    <View className={`k-csv-export${'code' in exported ? ' k-csv-export--error' : ''}`} id={`${id}-result`}>
      {'code' in exported ? (
        <Text>{exported.message}</Text>
      ) : (
        <>
          <Text>
            {showRows ? `已导出 ${exported.rows} 条：` : '已导出：'}
            {exported.filename}
            {showRows && exported.truncated ? '（超出上限，请缩短时间范围）' : ''}
          </Text>
          <Text className='k-csv-export__link' id={`${id}-link`} userSelect onClick={() => void Taro.setClipboardData({ data: exported.url })}>
            复制下载链接
          </Text>
        </>
      )}
    </View>
  );
}

export default CsvExportResult;
