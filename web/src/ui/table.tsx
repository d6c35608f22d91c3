import type { ReactNode } from 'react';

export function Table({
  caption,
  head,
  children,
}: {
  caption: string;
  head: ReactNode[];
  children: ReactNode;
}) {
  return (
    <div className="kern-table-responsive">
      <table className="kern-table kern-table--striped pakt-table">
        <caption className="kern-title pakt-caption">{caption}</caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            {head.map((h, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static header
              <th scope="col" className="kern-table__header" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}
