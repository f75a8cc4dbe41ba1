import type { Metadata, Viewport } from "next";
import "@fontsource-variable/inter/wght.css";
import "./globals.css";
import { AppHeader } from "@/components/shell/AppHeader";
import { HeaderActions } from "@/components/shell/HeaderActions";
import { PasskeyOffer } from "@/components/passkeys/PasskeyOffer";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { currentRequest, hasCourseRole } from "@/lib/auth/current-user";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = {
  title: { default: "Rollcall", template: "%s · Rollcall" },
  description: "QR-code attendance that your college runs itself.",
  applicationName: "Rollcall",
  // installable: the manifest's start URL opens the scanner (docs/design.md#installable-app)
  manifest: "/manifest.webmanifest",
  icons: { apple: [{ url: "/icons/apple-touch-icon.png", sizes: "180x180", type: "image/png" }] },
  appleWebApp: { capable: true, title: "Rollcall", statusBarStyle: "default" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#184eaa",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const { ctx, user } = await currentRequest();
  const assists = user?.role === "student" && (await hasCourseRole(ctx, user));
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <TimeZoneProvider collegeZone={getConfig().COLLEGE_TIMEZONE}>
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <AppHeader user={user ? { fullName: user.fullName, role: user.role, assists } : null} extra={user ? <HeaderActions /> : null} />
        <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:py-10">
          {user && <PasskeyOffer />}
          {children}
        </main>
        </TimeZoneProvider>
      </body>
    </html>
  );
}
