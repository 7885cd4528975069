import { PageHeader } from './PageHeader'

/** Stands in for a screen another feature will provide. */
export function placeholder(title: string, blurb: string) {
  return function PlaceholderPage() {
    return (
      <>
        <PageHeader title={title} />
        <div className="panel muted">{blurb} This screen is not built yet.</div>
      </>
    )
  }
}
