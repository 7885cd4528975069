const TONE: Record<string, string> = {
  submitted: 'info',
  approved: 'info',
  funded: 'neutral',
  partly_paid: 'neutral',
  paid: 'good',
  rejected: 'muted',
  recoursed: 'warn',
  written_off: 'bad',
  disputed: 'warn',
  low: 'good',
  standard: 'neutral',
  high: 'bad'
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge tone-${TONE[status] ?? 'neutral'}`}>{status.replace(/_/g, ' ')}</span>
}
