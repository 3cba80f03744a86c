import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { AccountTestResult, Region } from '../../../../shared/contract'
import { errorDataOf } from '../../api/api-client'
import { useApi } from '../../api/api-context'
import { useI18n } from '../../i18n/i18n-context'
import { useNotify } from '../../notices/notices-context'
import { useAccount } from '../../store/app-state-context'
import { AccountForm } from './AccountForm'
import {
  credentialsFromForm,
  initialAccountForm,
  type AccountFormValues,
} from './account-form-values'
import { AccountStatus } from './AccountStatus'
import { ConnectionTestResult } from './ConnectionTestResult'

/** The VOD account: status, the credentials form, connection test, save and remove. */
export function AccountSection(): ReactNode {
  const client = useApi()
  const notify = useNotify()
  const { t, errorMessage } = useI18n()
  const [account, setAccount] = useAccount()
  const [values, setValues] = useState<AccountFormValues>(() => initialAccountForm(account))
  const [regions, setRegions] = useState<readonly Region[]>([])
  const [busy, setBusy] = useState(false)
  const [testing, setTesting] = useState(false)
  const [testResult, setTestResult] = useState<AccountTestResult | null>(null)
  const [confirmingClear, setConfirmingClear] = useState(false)
  const credentials = credentialsFromForm(values)
  // Typed credentials are saved only with "Save account" (after a test): leaving Settings with
  // some typed says they were not saved, rather than losing them quietly.
  const typedSecret = values.accessKeyId !== '' || values.accessKeySecret !== ''
  const leaving = useRef({ typedSecret, say: () => undefined as void })
  useEffect(() => {
    leaving.current = {
      typedSecret,
      say: () => notify({ tone: 'error', text: t('account.notSaved') }),
    }
  })
  useEffect(
    () => () => {
      if (leaving.current.typedSecret) leaving.current.say()
    },
    [],
  )

  useEffect(() => {
    let disposed = false
    client
      .request('regions.list')
      .then((list) => {
        if (!disposed) setRegions(list)
      })
      .catch(() => {
        // The select falls back to the current region; saving still works.
      })
    return () => {
      disposed = true
    }
  }, [client])

  function change(patch: Partial<AccountFormValues>): void {
    setValues((current) => ({ ...current, ...patch }))
    setTestResult(null)
  }

  async function test(): Promise<void> {
    setTesting(true)
    setTestResult(null)
    try {
      setTestResult(await client.request('account.test', credentials ? { credentials } : {}))
    } catch (error) {
      setTestResult({ status: 'failed', error: errorDataOf(error) })
    } finally {
      setTesting(false)
    }
  }

  async function save(): Promise<void> {
    if (!credentials) return
    setBusy(true)
    try {
      const saved = await client.request('account.save', credentials)
      setAccount(saved)
      // The secret leaves the renderer's memory as soon as main has it.
      setValues(initialAccountForm(saved))
      notify({ tone: 'success', text: t('account.saved') })
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    } finally {
      setBusy(false)
    }
  }

  async function clear(): Promise<void> {
    if (!confirmingClear) {
      setConfirmingClear(true)
      return
    }
    setBusy(true)
    setConfirmingClear(false)
    try {
      const cleared = await client.request('account.clear')
      setAccount(cleared)
      setValues(initialAccountForm(cleared))
      setTestResult(null)
    } catch (error) {
      notify({ tone: 'error', text: errorMessage(errorDataOf(error)) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card" aria-labelledby="account-heading" data-testid="account-section">
      <h2 id="account-heading">{t('account.title')}</h2>
      <AccountStatus account={account} />
      <AccountForm
        values={values}
        regions={regions}
        complete={credentials !== null}
        configured={account.configured}
        busy={busy || testing}
        confirmingClear={confirmingClear}
        onChange={change}
        onTest={() => void test()}
        onSave={() => void save()}
        onClear={() => void clear()}
      />
      <ConnectionTestResult result={testResult} testing={testing} />
    </section>
  )
}
