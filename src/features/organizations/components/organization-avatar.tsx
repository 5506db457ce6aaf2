/** The organization's initial on a blue tile, so organizations are told apart at a glance. */
export function OrganizationAvatar({ name }: { name: string }) {
  return (
    <span
      aria-hidden="true"
      className="flex size-6 shrink-0 items-center justify-center rounded-md bg-linear-to-br from-primary to-blue-700 text-xs font-semibold text-white"
    >
      {name.trim().charAt(0).toUpperCase()}
    </span>
  );
}
