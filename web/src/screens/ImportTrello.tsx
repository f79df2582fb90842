// "Import from Trello" for community admins: upload a board's JSON export, then read the import
// report: what came across, what was skipped and why, where the export's own counts disagree.
// Loaded only when the Admin page opens.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api';
import { ApiError } from '../api/http';
import type { ImportNote, ImportReport, Space } from '../api/types';
import { countRows } from '../lib/importReport';
import { paths } from '../lib/router';

export function ImportTrello() {
  const [file, setFile] = useState<File | null>(null);
  const [spaces, setSpaces] = useState<Space[]>([]);
  const [spaceId, setSpaceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  useEffect(() => {
    api.spaces().then((r) => setSpaces(r.spaces), () => setSpaces([]));
  }, []);
  // Take the member to the report: it is below the form, often below the fold on a phone.
  useEffect(() => {
    const h = report ? document.getElementById('report-h') : null;
    h?.focus({ preventScroll: true });
    h?.scrollIntoView({ block: 'start' });
  }, [report]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      setError('Choose the .json file you exported from Trello first.');
      return;
    }
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const r = await api.importTrello(file, spaceId ? Number(spaceId) : null);
      setReport(r.report);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 413 ? 'That file is over 64 MB, more than Village accepts.' : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="import-h">
      <h2 id="import-h">Import from Trello</h2>
      <p class="muted small">
        In Trello, open the board’s menu → <em>Print, export and share</em> → <em>Export as JSON</em>, save the file, and choose it here. The whole board comes across — lists, cards,
        labels, checklists, comments with their authors and dates, attachments as links — or nothing does.
      </p>
      <form onSubmit={submit} noValidate aria-label="Import a Trello board">
        <div class="field">
          <label for="trello-file">Trello export file (.json)</label>
          <input id="trello-file" class="input" type="file" accept=".json,application/json" onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </div>
        <div class="field">
          <label for="trello-space">Put it in a space</label>
          <select id="trello-space" class="input" value={spaceId} onChange={(e) => setSpaceId((e.target as HTMLSelectElement).value)}>
            <option value="">No space: private to me until I share it</option>
            {spaces.map((s) => (
              <option key={s.id} value={String(s.id)}>
                {s.name} (everyone in the community can see it)
              </option>
            ))}
          </select>
        </div>
        {error && (
          <div class="notice notice-error" role="alert">
            {error}
          </div>
        )}
        <div class="row row-end">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Importing…' : 'Import board'}
          </button>
        </div>
      </form>
      {report && <Report report={report} />}
    </section>
  );
}

function Notes({ title, notes, id }: { title: string; notes: ImportNote[]; id: string }) {
  if (notes.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h4 id={id}>
        {title} ({notes.length})
      </h4>
      <ul class="import-notes">
        {notes.map((n, i) => (
          <li key={i}>
            <strong>{n.what}</strong>: {n.why}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Report({ report }: { report: ImportReport }) {
  const rows = countRows(report.counts);
  return (
    <div class="import-report" role="status" aria-labelledby="report-h">
      <h3 id="report-h" tabIndex={-1}>
        Imported “{report.board_name}”</h3>
      <p>
        <a class="btn btn-primary" href={paths.board(report.board_id)}>
          Open the board
        </a>
      </p>
      <table class="reach-table">
        <caption>What came across</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.members_matched.length > 0 && (
        <p class="small">
          <strong>People matched to members:</strong> {report.members_matched.join(', ')}
        </p>
      )}
      {report.members_imported.length > 0 && (
        <p class="small">
          <strong>Kept by their Trello name</strong> (no member matched): {report.members_imported.join(', ')}
        </p>
      )}
      <Notes id="skipped-h" title="Skipped" notes={report.skipped} />
      <Notes id="changed-h" title="Changed to fit" notes={report.changed} />
      <Notes id="disc-h" title="Where the export’s own counts disagree" notes={report.discrepancies} />
      {report.skipped.length + report.changed.length + report.discrepancies.length === 0 && <p class="small">Nothing was skipped or changed.</p>}
    </div>
  );
}
