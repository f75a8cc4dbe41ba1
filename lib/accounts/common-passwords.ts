// A small list of the most common passwords (lower-cased), shipped with the app.
// Compared case-insensitively and after stripping trailing digits/symbols added to pass rules.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111", "1234567", "dragon",
  "123123", "baseball", "abc123", "football", "monkey", "letmein", "696969", "shadow", "master", "666666",
  "qwertyuiop", "123321", "mustang", "1234567890", "michael", "654321", "superman", "1qaz2wsx", "7777777",
  "121212", "000000", "qazwsx", "123qwe", "killer", "trustno1", "jordan", "jennifer", "zxcvbnm", "asdfgh",
  "hunter", "buster", "soccer", "harley", "batman", "andrew", "tigger", "sunshine", "iloveyou", "2000",
  "charlie", "robert", "thomas", "hockey", "ranger", "daniel", "starwars", "klaster", "112233", "george",
  "computer", "michelle", "jessica", "pepper", "1111", "zxcvbn", "555555", "11111111", "131313", "freedom",
  "777777", "pass", "maggie", "159753", "aaaaaa", "ginger", "princess", "joshua", "cheese", "amanda",
  "summer", "love", "ashley", "nicole", "chelsea", "biteme", "matthew", "access", "yankees", "987654321",
  "dallas", "austin", "thunder", "taylor", "matrix", "welcome", "welcome1", "password1", "password123",
  "passw0rd", "p@ssw0rd", "p@ssword", "admin", "admin123", "administrator", "changeme", "secret", "qwerty123",
  "iloveyou1", "letmein1", "football1", "monkey1", "abc12345", "q1w2e3r4", "q1w2e3r4t5", "1q2w3e4r",
  "zaq12wsx", "student", "student1", "college", "university", "rollcall", "attendance", "summer2024",
  "winter2024", "spring2025", "autumn2025", "fall2025", "summer2025", "winter2025", "summer2026", "winter2026",
]);

/** "Password123!" → "password": the word people decorate to satisfy composition rules. */
export function passwordStem(password: string): string {
  return password.toLowerCase().replace(/[^a-z]+$/g, "").replace(/^[^a-z]+/g, "");
}

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  return COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(passwordStem(password)) || COMMON_PASSWORDS.has(lower.replace(/[^a-z0-9@]+$/g, ""));
}
