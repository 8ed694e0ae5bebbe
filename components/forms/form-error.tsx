import { Alert } from "@/components/ui/alert";

/** What the server refused that belongs to no single field, shown above the form. */
export function FormError({ message }: { message?: string }) {
  return message ? <Alert variant="destructive">{message}</Alert> : null;
}
