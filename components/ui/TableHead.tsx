/** A table's header row: one `<th scope="col">` per column, styled alike across admin tables. */
export function TableHead({
  columns,
  className = "bg-slate-50 text-slate-600",
  cellClassName = "px-3 py-2 font-medium",
}: {
  columns: React.ReactNode[];
  className?: string;
  cellClassName?: string;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col" className={cellClassName}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
