import { MySqlDialect } from "drizzle-orm/mysql-core";
import { describe, expect, it } from "vitest";
import { escapeLike, likeContains } from "@/db/queries/like";
import { messages } from "@/db/schema";

describe("LIKE patterns", () => {
  it("escapes the wildcards and the escape character itself", () => {
    expect(escapeLike("100%")).toBe("100\\%");
    expect(escapeLike("snake_case")).toBe("snake\\_case");
    expect(escapeLike("C:\\temp")).toBe("C:\\\\temp");
    expect(escapeLike("\\%_")).toBe("\\\\\\%\\_");
    expect(escapeLike("plain text")).toBe("plain text");
  });

  it("binds the pattern as a parameter and names the escape character", () => {
    const query = new MySqlDialect().sqlToQuery(likeContains(messages.body, "50%_off"));
    expect(query.sql).toBe("`messages`.`body` like ? escape '\\\\'");
    expect(query.params).toEqual(["%50\\%\\_off%"]);
  });
});
