import type { ReactNode } from 'react'
import {
  languageChoices,
  themeChoices,
  type LanguageChoice,
  type ThemeChoice,
} from '../../../../shared/settings'
import { Field } from '../../components/Field'
import { useI18n } from '../../i18n/i18n-context'
import type { MessageKey } from '../../i18n/messages'

export interface AppearanceSectionProps {
  language: LanguageChoice
  theme: ThemeChoice
  onChange: (patch: { language?: LanguageChoice; theme?: ThemeChoice }) => void
}

const languageKeys: Record<LanguageChoice, MessageKey> = {
  system: 'settings.language.system',
  en: 'settings.language.en',
  'zh-CN': 'settings.language.zhCN',
}

const themeKeys: Record<ThemeChoice, MessageKey> = {
  system: 'settings.theme.system',
  light: 'settings.theme.light',
  dark: 'settings.theme.dark',
}

/** Language and theme apply at once: a preview nobody has to save. */
export function AppearanceSection(props: AppearanceSectionProps): ReactNode {
  const { t } = useI18n()
  return (
    <section className="card" aria-labelledby="appearance-heading" data-testid="appearance-section">
      <h2 id="appearance-heading">{t('settings.appearanceHeading')}</h2>
      <div className="field-grid">
        <Field label={t('settings.language')}>
          {(control) => (
            <select
              id={control.id}
              className="input"
              value={props.language}
              onChange={(event) => {
                const language = languageChoices.find((choice) => choice === event.target.value)
                if (language) props.onChange({ language })
              }}
              data-testid="settings-language"
            >
              {languageChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t(languageKeys[choice])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('settings.theme')}>
          {(control) => (
            <select
              id={control.id}
              className="input"
              value={props.theme}
              onChange={(event) => {
                const theme = themeChoices.find((choice) => choice === event.target.value)
                if (theme) props.onChange({ theme })
              }}
              data-testid="settings-theme"
            >
              {themeChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t(themeKeys[choice])}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </section>
  )
}
