import type { FaqSuggestion } from '@shared/api/functions/complaint';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useI18n } from '../../../../i18n';
import './index.scss';

export interface FaqSuggestionsProps {
  items: FaqSuggestion[];
  /** An answer was opened (counted as faq_view). */
  onView: (faqId: string) => void;
}

/** “也许这些能帮到您” — matching answers under the description, each opened in place. */
export function FaqSuggestions({ items, onView }: FaqSuggestionsProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string>();
  if (!items.length) return null;
  return (
    <View className='k-faq' id='faq-suggestions' role='region' aria-label={t('faq.title')}>
      <Text className='k-faq__title'>{t('faq.title')}</Text>
      {items.map((item) => {
        const expanded = open === item.faqId;
        return (
          <View key={item.faqId} className={`k-faq__item${expanded ? ' k-faq__item--open' : ''}`} data-faq={item.faqId}>
            <View
              className='k-faq__question'
              role='button'
              aria-expanded={expanded}
              onClick={() => {
                setOpen(expanded ? undefined : item.faqId);
                if (!expanded) onView(item.faqId);
              }}
            >
              <Text className='k-faq__mark' aria-hidden>
                ?
              </Text>
              <Text className='k-faq__q'>{item.question}</Text>
              <Text className='k-faq__toggle'>{expanded ? t('faq.collapse') : t('faq.expand')}</Text>
            </View>
            {expanded && <Text className='k-faq__answer'>{item.answer}</Text>}
          </View>
        );
      })}
      <Text className='k-faq__foot'>{t('faq.foot')}</Text>
    </View>
  );
}

export default FaqSuggestions;
