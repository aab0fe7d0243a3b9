package io.verity.idv;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.verity.testsupport.ServiceContractTest;

/** idv-service starts against the migrated schema and keeps the contract every service shares. */
@QuarkusTest
// Declared once per module and global: every test of the module shares one PostgreSQL, the matcher, weights-service
// and one OIDC server.
@QuarkusTestResource(SuiteResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class IdvServiceContractTest extends ServiceContractTest {

    @Override
    protected String serviceName() {
        return "idv-service";
    }
}
