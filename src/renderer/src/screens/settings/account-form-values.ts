import {
  accountCredentialsSchema,
  type AccountCredentials,
  type AccountInfo,
  type AccountKind,
} from '../../../../shared/contract'

/** The account form's fields. Secrets live here only while typed, never come from main. */
export interface AccountFormValues {
  kind: AccountKind
  accessKeyId: string
  accessKeySecret: string
  securityToken: string
  /** Credential chain: a profile name, or empty for the whole chain. */
  profile: string
  regionId: string
  endpoint: string
}

/** A fresh form for an account: non-secret fields prefilled, secret fields always empty. */
export function initialAccountForm(account: AccountInfo): AccountFormValues {
  return {
    kind: account.kind ?? 'access-key',
    accessKeyId: '',
    accessKeySecret: '',
    securityToken: '',
    profile: account.chain?.profile ?? '',
    regionId: account.regionId ?? 'cn-shanghai',
    endpoint: account.endpoint ?? '',
  }
}

/** The credentials the form describes, or null while something required is missing or invalid. */
export function credentialsFromForm(values: AccountFormValues): AccountCredentials | null {
  const endpoint = values.endpoint.trim()
  if (values.kind === 'chain') {
    const profile = values.profile.trim()
    const parsed = accountCredentialsSchema.safeParse({
      kind: 'chain',
      regionId: values.regionId,
      ...(profile ? { profile } : {}),
      ...(endpoint ? { endpoint } : {}),
    })
    return parsed.success ? parsed.data : null
  }
  const common = {
    accessKeyId: values.accessKeyId.trim(),
    accessKeySecret: values.accessKeySecret,
    regionId: values.regionId,
    ...(endpoint ? { endpoint } : {}),
  }
  const candidate =
    values.kind === 'sts'
      ? { kind: 'sts' as const, ...common, securityToken: values.securityToken.trim() }
      : { kind: 'access-key' as const, ...common }
  const parsed = accountCredentialsSchema.safeParse(candidate)
  return parsed.success ? parsed.data : null
}
