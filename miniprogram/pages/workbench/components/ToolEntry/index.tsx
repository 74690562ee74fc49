import { Text, View } from '@tarojs/components';
import './index.scss';

export interface ToolEntryProps {
  title: string;
  description: string;
  /** Stable id for tests. */
  id: string;
  onOpen: () => void;
}

/** A row that opens a staff tool (one that exists). */
export function ToolEntry({ title, description, id, onOpen }: ToolEntryProps) {
  return (
    <View className='k-tool' id={id} role='button' aria-label={title} onClick={onOpen}>
      <View className='k-tool__icon' aria-hidden>
        <View className='k-tool__grid' />
      </View>
      <View className='k-tool__body'>
        <Text className='k-tool__title'>{title}</Text>
        <Text className='k-tool__desc'>{description}</Text>
      </View>
      <Text className='k-tool__arrow' aria-hidden>
        ›
      </Text>
    </View>
  );
}

export default ToolEntry;
