"use server";

import { formAction } from "../../_lib/guarded-action";
import {
  createSite,
  rotateSiteSecret,
  setSiteArchived,
  updateSiteSettings,
} from "../../_lib/support/site-actions";

// Each checks session → admin role → input → its target itself (defineAction); the page's own
// check only decides what to show.
export const adminCreateSite = formAction(createSite, "/admin/sites");
export const adminUpdateSite = formAction(updateSiteSettings, "/admin/sites");
export const adminSetSiteArchived = formAction(setSiteArchived, "/admin/sites");
export const adminRotateSiteSecret = formAction(rotateSiteSecret, "/admin/sites");
