package io.verity.sessions.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where a capture of a session (IDV's or IDA's) was made: the caller's IP and its place, the device's coordinates and
 * theirs ({@link io.verity.sessions.location.CapturePlaces} fills them). Each service maps its own table, with its own
 * key, onto these columns.
 */
@MappedSuperclass
public abstract class CapturePlace extends PanacheEntityBase {

    @Column(name = "client_id", nullable = false)
    public UUID clientId;

    @Column(name = "ip_address")
    public String ipAddress;

    @Column(name = "ip_latitude")
    public Double ipLatitude;

    @Column(name = "ip_longitude")
    public Double ipLongitude;

    @Column(name = "ip_country")
    public String ipCountry;

    @Column(name = "ip_region")
    public String ipRegion;

    @Column(name = "ip_city")
    public String ipCity;

    @Column(name = "device_latitude")
    public Double deviceLatitude;

    @Column(name = "device_longitude")
    public Double deviceLongitude;

    @Column(name = "device_location")
    public String deviceLocation;

    @Column(name = "device_country_name")
    public String deviceCountryName;

    @Column(name = "device_country_code")
    public String deviceCountryCode;

    @Column(name = "device_admin_area")
    public String deviceAdminArea;

    @Column(name = "device_sub_admin_area")
    public String deviceSubAdminArea;

    @Column(name = "device_locality")
    public String deviceLocality;

    @Column(name = "captured_at", nullable = false)
    public OffsetDateTime capturedAt;
}
