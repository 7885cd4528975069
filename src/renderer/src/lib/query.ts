import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query'
import type { MethodCallInput, MethodName, MethodOutput } from '../../../shared/contract'
import { call, on, type ApiError } from './rpc'
import { prefs } from './prefs'

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: (n, e) => n < 1 && (e as ApiError).code === 'NETWORK', refetchOnWindowFocus: false }
  }
})

let wired = false
/**
 * Any write anywhere (this window, another window, a CLI import) tells us through 'ledger.changed';
 * everything cached may be stale then, and refetching only what is on screen is cheap.
 */
export function wireInvalidation(): void {
  if (wired) return
  wired = true
  on('ledger.changed', () => void queryClient.invalidateQueries())
  // Another profile may see other data (and the API audits per user), so start fresh.
  prefs.subscribe(() => void queryClient.invalidateQueries())
}

export const keyFor = <K extends MethodName>(method: K, input: MethodCallInput<K>) => [method, input] as const

export function useApi<K extends MethodName>(
  method: K,
  input: MethodCallInput<K>,
  opts: Omit<UseQueryOptions<MethodOutput<K>, ApiError>, 'queryKey' | 'queryFn'> = {}
) {
  return useQuery<MethodOutput<K>, ApiError>({ queryKey: keyFor(method, input), queryFn: () => call(method, input), ...opts })
}

/** A write: calls the method and refreshes every cached read when it succeeds. */
export function useApiMutation<K extends MethodName>(method: K) {
  const qc = useQueryClient()
  return useMutation<MethodOutput<K>, ApiError, MethodCallInput<K>>({
    mutationFn: (input) => call(method, input),
    onSuccess: () => void qc.invalidateQueries()
  })
}
