// Each reviewer's workload, today and over the last seven days: items and time, listed by name.
// Not a ranking: it is there so a lead sees who carries how much, and can spread the work.
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { WorkloadRow } from "@/lib/reviews/care";

const hours = (seconds: number) =>
  seconds < 60 ? `${Math.round(seconds)} s` : seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;

export function WorkloadCard({ rows, dailyCap }: { rows: WorkloadRow[]; dailyCap: number | null }) {
  return (
    <Card title="Workload">
      <p className="mb-3 text-sm text-slate-600">
        Items reviewed and time spent on them, by name{dailyCap ? `; the daily cap is ${dailyCap} items` : ""}. Items someone chose not to see are shown apart
        and never count as work left undone.
      </p>
      <div className="overflow-x-auto">
        <Table aria-label="Workload per reviewer">
          <THead>
            <tr>
              <Th>Reviewer</Th>
              <Th>Today</Th>
              <Th>Last 7 days</Th>
              <Th>Chose not to see</Th>
            </tr>
          </THead>
          <TBody>
            {rows.map((r) => (
              <Tr key={r.annotatorId} data-testid="workload-row">
                <Td>{r.name}</Td>
                <Td className="whitespace-nowrap">
                  {r.todayItems} items · {hours(r.todaySeconds)}
                </Td>
                <Td className="whitespace-nowrap">
                  {r.weekItems} items · {hours(r.weekSeconds)}
                </Td>
                <Td>{r.optedOut}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
    </Card>
  );
}
