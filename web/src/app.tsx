import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
// The ES builds: `antd/locale/*` is CommonJS and would bring a second copy of the picker and
// pagination locales next to the ES ones antd's components already import.
import enUSAntd from 'antd/es/locale/en_US';
import zhCNAntd from 'antd/es/locale/zh_CN';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { I18nProvider, useLocale } from './i18n/i18n';
import { Loading } from './components/loading';
import { MessagesProvider } from './components/messages';
import { ApiError } from './api/client';
import { useMe, useSetupStatus } from './api/session';
import { can } from '../../common/roles.js';
import { RequireAuth, RequirePermission } from './layout/guards';

// Route-level code splitting: the login page does not load the shell, the tables or the dialogs.
const LoginPage = lazy(() => import('./features/auth/login-page').then((m) => ({ default: m.LoginPage })));
const SetupPage = lazy(() => import('./features/setup/setup-page').then((m) => ({ default: m.SetupPage })));
const AppShell = lazy(() => import('./layout/app-shell').then((m) => ({ default: m.AppShell })));
const HomePage = lazy(() => import('./features/home/home-page').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() => import('./features/users/users-page').then((m) => ({ default: m.UsersPage })));
const CustomersPage = lazy(() => import('./features/customers/customers-page').then((m) => ({ default: m.CustomersPage })));
const RecycleBinPage = lazy(() => import('./features/customers/recycle-bin-page').then((m) => ({ default: m.RecycleBinPage })));
const DuplicateGroupsPage = lazy(() => import('./features/duplicates/duplicate-groups-page').then((m) => ({ default: m.DuplicateGroupsPage })));
const ImportsPage = lazy(() => import('./features/imports/imports-page').then((m) => ({ default: m.ImportsPage })));
const AuditPage = lazy(() => import('./features/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const DuePage = lazy(() => import('./features/activities/due-page').then((m) => ({ default: m.DuePage })));
const MyDelegationsPage = lazy(() => import('./features/delegations/my-delegations-page').then((m) => ({ default: m.MyDelegationsPage })));
const PrintCustomerPage = lazy(() => import('./features/print/print-customer-page').then((m) => ({ default: m.PrintCustomerPage })));
const ServiceDeskPage = lazy(() => import('./features/service-requests/service-desk-page').then((m) => ({ default: m.ServiceDeskPage })));
const PrintServicePage = lazy(() => import('./features/print/print-service-page').then((m) => ({ default: m.PrintServicePage })));
const SuppliersPage = lazy(() => import('./features/suppliers/suppliers-page').then((m) => ({ default: m.SuppliersPage })));
const ProductsPage = lazy(() => import('./features/products/products-page').then((m) => ({ default: m.ProductsPage })));
const DashboardPage = lazy(() => import('./features/dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const AnnualFeesPage = lazy(() => import('./features/reports/annual-fees-page').then((m) => ({ default: m.AnnualFeesPage })));
const ArrearsPage = lazy(() => import('./features/reports/arrears-page').then((m) => ({ default: m.ArrearsPage })));
// ECharts is only ever loaded with this page.
const ChartsPage = lazy(() => import('./features/reports/charts-page').then((m) => ({ default: m.ChartsPage })));
const PrintQuotePage = lazy(() => import('./features/print/print-quote-page').then((m) => ({ default: m.PrintQuotePage })));
const PrintListPage = lazy(() => import('./features/print/print-list-page').then((m) => ({ default: m.PrintListPage })));
// The 403/404 pages carry large SVG illustrations: loaded only when shown.
const ForbiddenPage = lazy(() => import('./components/result-page').then((m) => ({ default: m.ForbiddenPage })));
const NotFoundPage = lazy(() => import('./components/result-page').then((m) => ({ default: m.NotFoundPage })));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, e) => !(e instanceof ApiError && e.status >= 400 && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

/** Sends everyone to /setup while the system has no user, and away from it afterwards. */
function SetupGate({ children }: { children: ReactNode }) {
  const setup = useSetupStatus();
  const location = useLocation();
  if (setup.isPending) return <Loading />;
  const needed = setup.data?.needed ?? false;
  if (needed && location.pathname !== '/setup') return <Navigate to="/setup" replace />;
  if (!needed && location.pathname === '/setup') return <Navigate to="/" replace />;
  return children;
}

/** The home page: the dashboard for those who own customers, a welcome page for other staff. */
function Home() {
  const me = useMe().data;
  if (me && can(me.role, 'customers.use')) return <DashboardPage />;
  // Staff members (no customer screen) work from the service desk: it is their home page.
  if (me) return <Navigate to="/service-desk" replace />;
  return <HomePage />;
}

/** Already logged in users skip the login page. */
function PublicOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to="/" replace />;
  return children;
}

function LocalizedProviders({ children }: { children: ReactNode }) {
  const [locale] = useLocale();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return (
    <ConfigProvider locale={locale === 'en-US' ? enUSAntd : zhCNAntd} theme={{ token: { colorPrimary: '#1f6feb' } }}>
      {children}
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalizedProviders>
        <QueryClientProvider client={queryClient}>
          <MessagesProvider>
            <BrowserRouter>
              <Suspense fallback={<Loading />}>
                <SetupGate>
                  <Routes>
                    <Route path="/setup" element={<SetupPage />} />
                    <Route
                      path="/login"
                      element={
                        <PublicOnly>
                          <LoginPage />
                        </PublicOnly>
                      }
                    />
                    {/* Print views: a page of their own (opened in a new tab), without the application's frame. */}
                    <Route
                      path="/print/customer/:id"
                      element={
                        <RequireAuth>
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <PrintCustomerPage />
                          </RequirePermission>
                        </RequireAuth>
                      }
                    />
                    {/* The service report: read through the service desk, so the assigned staff member may print it too. */}
                    <Route
                      path="/print/service/:srid"
                      element={
                        <RequireAuth>
                          <PrintServicePage />
                        </RequireAuth>
                      }
                    />
                    <Route
                      path="/print/customers"
                      element={
                        <RequireAuth>
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <PrintListPage />
                          </RequirePermission>
                        </RequireAuth>
                      }
                    />
                    <Route
                      path="/print/quote/:customerId/:quoteId"
                      element={
                        <RequireAuth>
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <PrintQuotePage />
                          </RequirePermission>
                        </RequireAuth>
                      }
                    />
                    <Route
                      element={
                        <RequireAuth>
                          <AppShell />
                        </RequireAuth>
                      }
                    >
                      <Route index element={<Home />} />
                      <Route
                        path="customers"
                        element={
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <CustomersPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="imports"
                        element={
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <ImportsPage />
                          </RequirePermission>
                        }
                      />
                      <Route path="service-desk" element={<ServiceDeskPage />} />
                      <Route
                        path="recycle-bin"
                        element={
                          <RequirePermission action="customers.admin" fallback={<ForbiddenPage />}>
                            <RecycleBinPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="duplicates"
                        element={
                          <RequirePermission action="customers.admin" fallback={<ForbiddenPage />}>
                            <DuplicateGroupsPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="followups"
                        element={
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <DuePage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="delegations"
                        element={
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <MyDelegationsPage />
                          </RequirePermission>
                        }
                      />
                      <Route path="suppliers" element={<SuppliersPage />} />
                      <Route path="products" element={<ProductsPage />} />
                      <Route
                        path="reports/annual-fees"
                        element={
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <AnnualFeesPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="reports/arrears"
                        element={
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <ArrearsPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="reports/charts"
                        element={
                          <RequirePermission action="customers.use" fallback={<ForbiddenPage />}>
                            <ChartsPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="staff"
                        element={
                          <RequirePermission action="users.manage" fallback={<ForbiddenPage />}>
                            <UsersPage />
                          </RequirePermission>
                        }
                      />
                      <Route
                        path="audit"
                        element={
                          <RequirePermission action="audit.read" fallback={<ForbiddenPage />}>
                            <AuditPage />
                          </RequirePermission>
                        }
                      />
                      <Route path="*" element={<NotFoundPage />} />
                    </Route>
                  </Routes>
                </SetupGate>
              </Suspense>
            </BrowserRouter>
          </MessagesProvider>
        </QueryClientProvider>
      </LocalizedProviders>
    </I18nProvider>
  );
}
