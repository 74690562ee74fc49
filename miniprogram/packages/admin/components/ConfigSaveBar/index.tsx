import { Text, View } from '@tarojs/components';
import type { useConfigDoc } from '../../hooks/useConfigDoc';
import { ActionButton } from '../../../../components/ActionButton';

export interface ConfigSaveBarProps {
  /** The configuration document's form state (`useConfigDoc`). */
  doc: Pick<ReturnType<typeof useConfigDoc>, 'error' | 'saved' | 'saving' | 'save' | 'reset'>;
  /** Prefix of the element ids: `<id>-error`, `<id>-saved`, `<id>-save`. */
  id: string;
  saveLabel: string;
  savedText: string;
}

const defaultProps = { saveLabel: '保存', savedText: '已保存，1 分钟内生效' };

/** The end of a configuration form: the server's message or the saved note, 恢复默认 and 保存. */
export function ConfigSaveBar(props: Partial<ConfigSaveBarProps> & Pick<ConfigSaveBarProps, 'doc' | 'id'>) {
  const { doc, id, saveLabel, savedText } = { ...defaultProps, ...props };
  return (
    <>
      {doc.error && (
        <Text className='a-error' id={`${id}-error`}>
          {doc.error.message}
        </Text>
      )}
      {doc.saved && (
        <Text className='a-ok' id={`${id}-saved`}>
          {savedText}
        </Text>
      )}
      <View className='a-foot'>
        <ActionButton type='outline' size='small' onClick={doc.reset}>
          恢复默认
        </ActionButton>
        <ActionButton id={`${id}-save`} size='small' loading={doc.saving} onClick={() => void doc.save()}>
          {saveLabel}
        </ActionButton>
      </View>
    </>
  );
}

export default ConfigSaveBar;
