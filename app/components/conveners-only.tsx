/** What an account without the role sees: why, and how to get it. */
export function ConvenersOnly() {
  return (
    <div className="page-head">
      <h1>New consultation</h1>
      <p className="lead">
        Consultations speak for the institution that runs them, so only conveners publish them. The convener role is
        granted by a site administrator; every consultation shows who publishes it.
      </p>
      <p>
        To become a convener, ask the administrator of this site; they run{" "}
        <code>margin user add --email &lt;your email&gt; --role convener</code>. You can comment on any open consultation
        without it.
      </p>
    </div>
  );
}
