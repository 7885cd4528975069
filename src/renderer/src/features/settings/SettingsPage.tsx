import { Loading } from '../../components/Loading'
import { PageHeader } from '../../components/PageHeader'
import { useApi } from '../../lib/query'
import { DeliveryPanel } from './DeliveryPanel'
import { FactorForm } from './FactorForm'
import { JobsPanel } from './JobsPanel'
import { UsersPanel } from './UsersPanel'

export function SettingsPage() {
  const factor = useApi('settings.getFactor', {})
  return (
    <div className="settings">
      <PageHeader title="Settings" />
      <Loading q={{ ...factor, data: factor.data === undefined ? undefined : { f: factor.data } }}>{({ f }) => <FactorForm factor={f} />}</Loading>
      <UsersPanel />
      <JobsPanel />
      <DeliveryPanel />
    </div>
  )
}
