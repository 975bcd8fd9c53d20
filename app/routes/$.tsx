import { data } from "@remix-run/node";

// Any address no other route claims: a real 404 status, rendered by the root error boundary.
export async function loader() {
  throw data({ message: "There is nothing at this address. It may have moved, or it may not be public." }, { status: 404 });
}

export default function NotFound() {
  return null;
}
