import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { keywordSize } from '@shared/staff/charts';
import './index.scss';

export interface KeywordCloudProps {
  /** `score`: the TF-IDF weight (the size); `count`: recent complaints using the word (the label). */
  words: Array<{ word: string; count: number; score?: number }>;
}

/**
 * Keywords of recent complaints sized (design px through pxTransform, like every other size) by their TF-IDF
 * weight — words common to every complaint stay small — or by how many complaints use them when no weight is given.
 */
export function KeywordCloud({ words }: KeywordCloudProps) {
  const weight = (w: { count: number; score?: number }) => w.score ?? w.count;
  const counts = words.map(weight);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  // Biggest in the middle reads as a cloud rather than a sorted list.
  const arranged = words.map((w, i) => ({ ...w, i })).sort((a, b) => (a.i % 2) - (b.i % 2) || (a.i % 2 ? weight(b) - weight(a) : weight(a) - weight(b)));
  return (
    <View className='k-cloud' id='chart-keywords'>
      {arranged.map((w) => (
        <Text key={w.word} className={`k-cloud__word k-cloud__word--${w.i % 4}`} style={{ fontSize: Taro.pxTransform(keywordSize(weight(w), min, max)) }} aria-label={`${w.word}：${w.count} 条投诉提到`}>
          {w.word}
        </Text>
      ))}
    </View>
  );
}

export default KeywordCloud;
