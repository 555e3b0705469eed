import { notifyOps } from 'backend/notifications';

export function wixForms_onSubmissionCreated(event) {
  const { formName, submissions } = event.entity ?? {};
  return notifyOps(`Form "${formName}" received ${submissions?.length ?? 0} fields`);
}
