import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateServiceRequestInput, DeskItem, DeskParams, DeskUpdateInput, Page, ServiceRequest, UpdateServiceRequestInput } from './types';

const id = (v: string) => encodeURIComponent(v);

export const serviceRequestKeys = {
  ofCustomer: (cid: string) => ['customer', cid, 'service-requests'] as const,
  desk: ['service-desk'] as const,
  deskList: (p: DeskParams) => ['service-desk', 'list', p] as const,
  deskItem: (srid: string) => ['service-desk', 'item', srid] as const,
};

/** The service requests of one customer (the 售后服务 tab). */
export function useServiceRequests(cid: string | undefined) {
  return useQuery({
    queryKey: serviceRequestKeys.ofCustomer(cid ?? ''),
    queryFn: ({ signal }) => api<Page<ServiceRequest>>(`/api/customers/${id(cid ?? '')}/service-requests`, { query: { pageSize: 500 }, signal }),
    enabled: !!cid,
  });
}

/** The service desk: requests of visible customers and those assigned to me. */
export function useServiceDesk(params: DeskParams) {
  return useQuery({
    queryKey: serviceRequestKeys.deskList(params),
    queryFn: ({ signal }) => api<Page<ServiceRequest>>('/api/service-desk', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One request with its customer's name and contacts (the desk drawer and the service report). */
export function useDeskItem(srid: string | undefined) {
  return useQuery({
    queryKey: serviceRequestKeys.deskItem(srid ?? ''),
    queryFn: ({ signal }) => api<DeskItem>(`/api/service-desk/${id(srid ?? '')}`, { signal }),
    enabled: !!srid,
  });
}

/** A request changes the customer's tab, its log and the desk together. */
function useInvalidateServiceRequests() {
  const qc = useQueryClient();
  return (cid: string) =>
    Promise.all([qc.invalidateQueries({ queryKey: ['customer', cid] }), qc.invalidateQueries({ queryKey: serviceRequestKeys.desk })]);
}

export function useSaveServiceRequest() {
  const invalidate = useInvalidateServiceRequests();
  return useMutation({
    mutationFn: ({ customerId, requestId, input }: { customerId: string; requestId?: string; input: CreateServiceRequestInput | UpdateServiceRequestInput }) =>
      requestId
        ? api<ServiceRequest>(`/api/customers/${id(customerId)}/service-requests/${id(requestId)}`, { method: 'PATCH', body: input })
        : api<ServiceRequest>(`/api/customers/${id(customerId)}/service-requests`, { method: 'POST', body: input }),
    // Also after a failure (stale version, illegal move): the list must show the truth.
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteServiceRequest() {
  const invalidate = useInvalidateServiceRequests();
  return useMutation({
    mutationFn: ({ customerId, requestId }: { customerId: string; requestId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/service-requests/${id(requestId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

/** What may be changed from the desk: status, resolution, time spent. */
export function useUpdateOnDesk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ requestId, input }: { requestId: string; input: DeskUpdateInput }) =>
      api<DeskItem>(`/api/service-desk/${id(requestId)}`, { method: 'PATCH', body: input }),
    onSettled: (d) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: serviceRequestKeys.desk }),
        d ? qc.invalidateQueries({ queryKey: ['customer', d.customer.id] }) : Promise.resolve(),
      ]),
  });
}
