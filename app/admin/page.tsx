import { redirect } from "next/navigation";
import { requireStaff } from "../_lib/staff";

export default async function AdminHome() {
  await requireStaff("/admin");
  redirect("/admin/messages");
}
