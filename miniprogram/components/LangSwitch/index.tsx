import { Text, View } from '@tarojs/components';
import { useI18n } from '../../i18n';
import './index.scss';

export interface LangSwitchProps {
  /** `light`: white on the red brand band; `dark`: brown on paper. */
  tone: 'light' | 'dark';
  className: string;
}

const defaultProps: LangSwitchProps = { tone: 'light', className: '' };

/** 中文 ⇄ English for the customer pages; Chinese is the default and the choice is remembered. */
export function LangSwitch(props: Partial<LangSwitchProps>) {
  const { tone, className } = { ...defaultProps, ...props };
  const { lang, t, setLang } = useI18n();
  return (
    <View
      id='lang-switch'
      className={`k-lang k-lang--${tone} ${className}`}
      role='button'
      aria-label={t('lang.switchAria')}
      data-lang={lang}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
    >
      <Text className={`k-lang__opt${lang === 'zh' ? ' k-lang__opt--on' : ''}`}>中</Text>
      <Text className={`k-lang__opt${lang === 'en' ? ' k-lang__opt--on' : ''}`}>EN</Text>
    </View>
  );
}

export default LangSwitch;
