// The counts of an import report (docs/api/imports.md) as rows a person reads, in a fixed order;
// counts the app does not know yet still show, after the known ones.
const LABELS: [string, string][] = [
  ['lists', 'Lists'],
  ['archived_lists', 'Archived lists'],
  ['cards', 'Cards'],
  ['archived_cards', 'Archived cards'],
  ['labels', 'Labels'],
  ['checklists', 'Checklists'],
  ['checklist_items', 'Checklist items'],
  ['comments', 'Comments'],
  ['attachments', 'Attachments (as links)'],
  ['assignees', 'Assignees'],
  ['covers', 'Card covers'],
];

export function countRows(counts: Record<string, number>): { key: string; label: string; value: number }[] {
  const known = LABELS.filter(([k]) => k in counts).map(([key, label]) => ({ key, label, value: counts[key]! }));
  const rest = Object.keys(counts)
    .filter((k) => !LABELS.some(([l]) => l === k))
    .sort()
    .map((key) => ({ key, label: key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()), value: counts[key]! }));
  return [...known, ...rest];
}
