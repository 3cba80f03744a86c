import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react'
import type { ErrorData, Language } from '../../../shared/errors'
import { en } from './en'
import {
  formatMessage,
  pluralKey,
  type MessageKey,
  type MessageParams,
  type Messages,
  type PluralKey,
} from './messages'
import { zhCN } from './zh-CN'

const catalogues: Record<Language, Messages> = { en, 'zh-CN': zhCN }

/** What components get from `useI18n`. */
export interface I18n {
  language: Language
  t: (key: MessageKey, params?: MessageParams) => string
  /** A message that depends on `count` (filled in as `{count}`), in the language's plural form. */
  tn: (key: PluralKey, count: number, params?: MessageParams) => string
  /** The message of an error in the UI language (main sends both). */
  errorMessage: (error: ErrorData) => string
}

function createI18n(language: Language): I18n {
  const messages = catalogues[language]
  const rules = new Intl.PluralRules(language)
  return {
    language,
    t: (key, params) => formatMessage(messages[key], params),
    tn: (key, count, params) =>
      formatMessage(messages[pluralKey(key, count, rules)], { ...params, count }),
    errorMessage: (error) => (language === 'zh-CN' ? error.messageZh : error.message),
  }
}

const I18nContext = createContext<I18n>(createI18n('en'))

/** Sets the UI language for everything below; also sets `lang` on the document for fonts. */
export function I18nProvider(props: { language: Language; children: ReactNode }): ReactNode {
  const value = useMemo(() => createI18n(props.language), [props.language])
  useEffect(() => {
    // Screen readers and CJK font selection both read the document language.
    document.documentElement.lang = props.language
  }, [props.language])
  return <I18nContext value={value}>{props.children}</I18nContext>
}

/** Messages in the current language. */
export function useI18n(): I18n {
  return useContext(I18nContext)
}
