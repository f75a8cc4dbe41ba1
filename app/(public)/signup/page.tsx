// Placeholder until the accounts issue lands its form.
export default function Page() {
  return <h1 className="text-2xl font-bold">Signup</h1>;
}
