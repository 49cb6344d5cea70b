import { useMutation, useQuery } from '@tanstack/react-query';
import { useInvalidateContactsAndActivities } from './activities';
import { api } from './client';
import type { Contact, CreateContactInput, Page, UpdateContactInput } from './types';

const id = (v: string) => encodeURIComponent(v);

export const contactKeys = {
  contacts: (cid: string) => ['customer', cid, 'contacts'] as const,
};

/** Zone 4: the contacts of a customer, primary first. */
export function useContacts(cid: string | undefined) {
  return useQuery({
    queryKey: contactKeys.contacts(cid ?? ''),
    queryFn: ({ signal }) => api<Page<Contact>>(`/api/customers/${id(cid ?? '')}/contacts`, { query: { pageSize: 500 }, signal }),
    enabled: !!cid,
  });
}

export function useSaveContact() {
  const invalidate = useInvalidateContactsAndActivities();
  return useMutation({
    mutationFn: ({ customerId, contactId, input }: { customerId: string; contactId?: string; input: CreateContactInput | UpdateContactInput }) =>
      contactId
        ? api<Contact>(`/api/customers/${id(customerId)}/contacts/${id(contactId)}`, { method: 'PATCH', body: input })
        : api<Contact>(`/api/customers/${id(customerId)}/contacts`, { method: 'POST', body: input }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidateContactsAndActivities();
  return useMutation({
    mutationFn: ({ customerId, contactId }: { customerId: string; contactId: string }) =>
      api<void>(`/api/customers/${id(customerId)}/contacts/${id(contactId)}`, { method: 'DELETE' }),
    onSettled: (_d, _e, v) => invalidate(v.customerId),
  });
}
