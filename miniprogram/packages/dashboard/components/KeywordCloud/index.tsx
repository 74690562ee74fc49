import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { keywordSize } from '@shared/staff/charts';
import './index.scss';

export interface KeywordCloudProps {
  words: Array<{ word: string; count: number }>;
}

/** Complaint words sized (design px through pxTransform, like every other size) by how many complaints use them (the classifier's vocabulary, so no noise words). */
export function KeywordCloud({ words }: KeywordCloudProps) {
  const counts = words.map((w) => w.count);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  // Biggest in the middle reads as a cloud rather than a sorted list.
  const arranged = words.map((w, i) => ({ ...w, i })).sort((a, b) => (a.i % 2) - (b.i % 2) || (a.i % 2 ? b.count - a.count : a.count - b.count));
  return (
    <View className='k-cloud' id='chart-keywords'>
      {arranged.map((w) => (
        <Text key={w.word} className={`k-cloud__word k-cloud__word--${w.i % 4}`} style={{ fontSize: Taro.pxTransform(keywordSize(w.count, min, max)) }} aria-label={`${w.word} ${w.count} 次`}>
          {w.word}
        </Text>
      ))}
    </View>
  );
}

export default KeywordCloud;
