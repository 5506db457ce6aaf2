import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { DataTable, sortRows, type DataTableColumn } from "./data-table";

interface Row {
  name: string;
  n: number | null;
}

const columns: DataTableColumn<Row>[] = [
  { key: "name", header: "Name", value: (row) => row.name },
  { key: "n", header: "Runs", value: (row) => row.n, align: "right" },
];
const rows: Row[] = [
  { name: "refund", n: 20 },
  { name: "order status", n: null },
  { name: "returns", n: 300 },
];

const names = () =>
  within(screen.getByRole("table", { name: "Intents" }))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[0]!.textContent);

describe("DataTable", () => {
  it("sorts by a column header, biggest first, then the other way; missing values last", async () => {
    const user = userEvent.setup();
    render(
      <DataTable
        label="Intents"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.name}
        empty="None"
      />,
    );
    expect(names()).toEqual(["refund", "order status", "returns"]);

    await user.click(screen.getByRole("button", { name: "Runs" }));
    expect(names()).toEqual(["returns", "refund", "order status"]);
    expect(screen.getByRole("columnheader", { name: "Runs" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );

    await user.click(screen.getByRole("button", { name: "Runs" }));
    expect(names()).toEqual(["refund", "returns", "order status"]);
  });

  it("filters rows by any column and says when nothing matches", async () => {
    const user = userEvent.setup();
    render(
      <DataTable
        label="Intents"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.name}
        empty="None"
      />,
    );
    await user.type(screen.getByRole("searchbox", { name: "Filter rows" }), "RE");
    expect(names()).toEqual(["refund", "returns"]);
    await user.type(screen.getByRole("searchbox", { name: "Filter rows" }), "zzz");
    expect(screen.getByText("No rows match “REzzz”.")).toBeInTheDocument();
  });

  it("shows its empty state when there are no rows at all", () => {
    render(
      <DataTable
        label="Intents"
        columns={columns}
        rows={[]}
        rowKey={(row) => row.name}
        empty="Nothing yet"
      />,
    );
    expect(screen.getByText("Nothing yet")).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
  });
});

describe("sortRows", () => {
  it("compares text naturally and keeps equal rows in order", () => {
    const items = [
      { name: "v10", n: 1 },
      { name: "v2", n: 1 },
      { name: "v1", n: 1 },
    ];
    expect(
      sortRows(items, columns, { key: "name", direction: "asc" }).map((row) => row.name),
    ).toEqual(["v1", "v2", "v10"]);
    expect(
      sortRows(items, columns, { key: "n", direction: "desc" }).map((row) => row.name),
    ).toEqual(["v10", "v2", "v1"]);
  });
});
